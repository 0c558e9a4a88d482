package vn.hailong;

public class Main {
    public static void main(String[] args) {
    }
}
